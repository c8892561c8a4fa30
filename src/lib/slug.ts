// python-slugify's `slugify(text, separator="_")` as Zou uses it for metadata field names:
// accents folded to ASCII, quotes dropped, every other run of non-alphanumerics one separator.
export function slugify(text: string, separator = '_'): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['\u2019]+/g, '')
    .replace(/[^a-z0-9]+/g, separator)
    .split(separator)
    .filter(Boolean)
    .join(separator)
}
