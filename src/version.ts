// The version reported by GET / (Kitsu reads `api` and `version`).
export const VERSION = '0.1.0'
