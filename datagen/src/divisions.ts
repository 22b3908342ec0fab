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
// @vant/area-data also lists towns and development zones of cities without counties (东莞,
// 中山, 儋州, 嘉峪关) under made-up codes such as 441901 中堂镇; GB/T 2260 county-level names
// end in one of these.
const COUNTY_LEVEL_NAME = /(区|县|市|旗)$/;
// Placeholders standing where a county has no prefecture: 省直辖县, 县 (重庆), 自治区直辖县级行政区划.
const PLACEHOLDER_CITY = /^县$|直辖/;

/**
 * Real county-level division codes of mainland China (provinces 11-65), in code order.
 * Codes ending in 00 are cities or provinces, not counties, and are left out.
 */
export const COUNTIES: readonly County[] = Object.entries(areaList.county_list)
  .filter(
    ([code, name]) =>
      MAINLAND_PROVINCE.test(code) && !code.endsWith('00') && COUNTY_LEVEL_NAME.test(name),
  )
  .sort(([a], [b]) => a.localeCompare(b))
  .map(([code, name]) => {
    const province = areaList.province_list[`${code.slice(0, 2)}0000`] ?? '';
    const city = areaList.city_list[`${code.slice(0, 4)}00`] ?? '';
    return { code, name, province, city: PLACEHOLDER_CITY.test(city) ? '' : city };
  });

const indexByCode = new Map(COUNTIES.map((c, i) => [c.code, i]));

export function countyIndexOf(code: string): number | undefined {
  return indexByCode.get(code);
}

/** The county of a 6-digit code; throws for a code outside `COUNTIES`. */
export function countyOf(code: string): County {
  const county = COUNTIES[indexByCode.get(code) ?? -1];
  if (!county) throw new RangeError(`${code} is not a county code of the generated world`);
  return county;
}

/** The address prefix of a county, without repeating a municipality's name (北京市朝阳区). */
export function countyPrefix(county: County): string {
  return county.province === county.city || county.city === ''
    ? `${county.province}${county.name}`
    : `${county.province}${county.city}${county.name}`;
}

const ETHNIC_AUTONOMY =
  /^(.{2,}?)(蒙古|藏|回|维吾尔|苗|彝|壮|布依|朝鲜|满|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|拉祜|水|东乡|纳西|景颇|柯尔克孜|土|羌|仡佬|锡伯|普米|塔吉克|怒|独龙|鄂温克|鄂伦春|达斡尔|裕固|保安|撒拉|毛南|仫佬|各族)/;

/** A division's name as used in a company name: 延边朝鲜族自治州 -> 延边, 北京市 -> 北京. */
export function shortName(name: string): string {
  if (name.endsWith('自治州') || name.endsWith('自治县') || name.endsWith('自治区')) {
    const ethnic = ETHNIC_AUTONOMY.exec(name);
    if (ethnic?.[1]) return ethnic[1];
    return name.slice(0, -3);
  }
  const short = name.replace(/(林区|市|省|地区|盟|县|区|旗)$/, '');
  return short.length >= 2 ? short : name;
}

/** The place a company is named after: its prefecture, or the county itself where there is none. */
export function townOf(county: County): string {
  if (county.city !== '') return shortName(county.city);
  return /^(北京|天津|上海|重庆)/.test(county.province)
    ? shortName(county.province)
    : shortName(county.name);
}

const PROVINCE_ABBREVIATIONS: Record<string, string> = {
  '11': '京',
  '12': '津',
  '13': '冀',
  '14': '晋',
  '15': '蒙',
  '21': '辽',
  '22': '吉',
  '23': '黑',
  '31': '沪',
  '32': '苏',
  '33': '浙',
  '34': '皖',
  '35': '闽',
  '36': '赣',
  '37': '鲁',
  '41': '豫',
  '42': '鄂',
  '43': '湘',
  '44': '粤',
  '45': '桂',
  '46': '琼',
  '50': '渝',
  '51': '川',
  '52': '黔',
  '53': '滇',
  '54': '藏',
  '61': '陕',
  '62': '甘',
  '63': '青',
  '64': '宁',
  '65': '新',
};

/** The one-character abbreviation of a county's province (京, 沪, 粤 ...). */
export function provinceAbbreviation(code: string): string {
  return PROVINCE_ABBREVIATIONS[code.slice(0, 2)] ?? '';
}
