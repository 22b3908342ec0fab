import { areaList } from '@vant/area-data';

export interface County {
  /** 6-digit GB/T 2260 code. */
  code: string;
  /** Province, city and county names, e.g. 北京市 / 北京市 / 朝阳区. */
  province: string;
  city: string;
  name: string;
}

const MAINLAND_PROVINCE = /^(1[1-5]|2[1-3]|3[1-7]|4[1-6]|5[0-4]|6[1-5])/;

/**
 * Real county-level division codes of mainland China (provinces 11-65), in code order.
 * Codes ending in 00 are cities or provinces, not counties, and are left out.
 */
export const COUNTIES: readonly County[] = Object.entries(areaList.county_list)
  .filter(([code]) => MAINLAND_PROVINCE.test(code) && !code.endsWith('00'))
  .sort(([a], [b]) => a.localeCompare(b))
  .map(([code, name]) => ({
    code,
    name,
    province: areaList.province_list[`${code.slice(0, 2)}0000`] ?? '',
    city: areaList.city_list[`${code.slice(0, 4)}00`] ?? '',
  }));

const indexByCode = new Map(COUNTIES.map((c, i) => [c.code, i]));

export function countyIndexOf(code: string): number | undefined {
  return indexByCode.get(code);
}

/** The address prefix of a county, without repeating a municipality's name (北京市朝阳区). */
export function countyPrefix(county: County): string {
  return county.province === county.city
    ? `${county.province}${county.name}`
    : `${county.province}${county.city}${county.name}`;
}
