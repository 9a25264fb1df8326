// CSV for downloads people open in a spreadsheet. A cell that starts with = + - @ (or a tab/CR) is
// a formula to Excel and Sheets: "=HYPERLINK(...)" typed into a field would run when an admin opens
// the file (CSV injection), so such cells are prefixed with a quote.
const FORMULA_START = /^[=+\-@\t\r]/

function cell(value: string | null): string {
  const text = value ?? ''
  const safe = FORMULA_START.test(text) ? `'${text}` : text
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe
}

export function toCsv(header: readonly string[], rows: readonly (readonly (string | null)[])[]): string {
  return [header, ...rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n'
}
