/** The hotline's ticket number: `12345-YYYY-NNNNNN`, the year filed and a serial of that year. */
export function ticketNumber(year: number, serial: number): string {
  return `12345-${year}-${String(serial).padStart(6, '0')}`;
}
