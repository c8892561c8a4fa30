// python-slugify as Zou uses it (metadata field names, instance names): HTML entities
// decoded, accents and the Latin letters unidecode knows folded to ASCII, quotes dropped,
// every other run of non-alphanumerics one separator. Without unidecode, letters of
// non-Latin scripts are dropped rather than transliterated.

// unidecode's answers for the Latin letters NFKD leaves whole.
const LATIN: Record<string, string> = { ß: 'ss', æ: 'ae', Æ: 'AE', œ: 'oe', Œ: 'OE', ø: 'o', Ø: 'O', đ: 'd', Đ: 'D', ł: 'l', Ł: 'L', þ: 'th', Þ: 'TH', ð: 'd', Ð: 'D', ı: 'i' }
const HTML: Record<string, string> = { amp: '&', quot: '"', lt: '<', gt: '>', apos: "'", nbsp: ' ' }

export function slugify(name: string, separator = '_', lowercase = true): string {
  let text = name.replace(/'+/g, '-')
  text = text.replace(/&(?:#(\d+)|#x([0-9a-f]+)|([a-z]+));/gi, (m, dec, hex, named) =>
    dec ? String.fromCodePoint(Number(dec)) : hex ? String.fromCodePoint(parseInt(hex, 16)) : (HTML[named.toLowerCase()] ?? m))
  text = text.replace(/[ßæÆœŒøØđĐłŁþÞðÐı]/g, (c) => LATIN[c]).normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
  if (lowercase) text = text.toLowerCase()
  text = text.replace(/[\u2019]+/g, '').replace(/'+/g, '').replace(/(?<=\d),(?=\d)/g, '')
  text = text.replace(/[^-a-zA-Z0-9]+/g, '-').replace(/-{2,}/g, '-').replace(/^-+|-+$/g, '')
  return text.replace(/-/g, separator)
}
