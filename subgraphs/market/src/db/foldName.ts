/**
 * The form names are searched in: NFKC turns full-width letters, digits and brackets (common
 * in registered Chinese names) into their ASCII forms, then letters are lower-cased. Done in
 * JavaScript for stored names and search terms alike, because SQLite's lower() folds ASCII only
 * and PostgreSQL's follows the server locale.
 */
export function foldName(name: string): string {
  return name.normalize('NFKC').toLowerCase();
}
