// python-slugify's slugify(text, separator=…, lowercase=False), as Zou uses it for default
// names: accents stripped, apostrophes dropped, every other run of characters outside
// [-A-Za-z0-9] collapsed into one separator, separators trimmed. (Non-Latin scripts, which
// python-slugify transliterates, are dropped.)
export function slugify(text: string, separator = '-'): string {
  const slug = text
    .normalize('NFKD')
    .replace(/'+/g, '')
    .replace(/(?<=\d),(?=\d)/g, '')
    .replace(/[^\x00-\x7f]/g, '')
    .replace(/[^-a-zA-Z0-9]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '')
  return separator === '-' ? slug : slug.replace(/-/g, separator)
}
