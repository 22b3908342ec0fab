/** Integer cents as a `Money` string with two decimals: 123456 → "1234.56". */
export function formatCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** A `Money` string as integer cents: "1234.5" → 123450. Only for values that passed the scalar. */
export function parseCents(money: string): number {
  const [whole = '0', fraction = ''] = money.replace('-', '').split('.');
  const cents = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return money.startsWith('-') ? -cents : cents;
}
