import type { ComplaintCategory } from './db/schema.js';

/** The agency the hotline passes a complaint of each category to. */
export const HANDLING_DEPARTMENTS: Readonly<Record<ComplaintCategory, string>> = {
  PRODUCT_QUALITY: '市场监督管理局',
  FOOD_SAFETY: '市场监督管理局',
  PRICING: '市场监督管理局',
  CONTRACT: '市场监督管理局',
  SERVICE: '商务局',
  ENVIRONMENT: '生态环境局',
  LABOUR: '人力资源和社会保障局',
  OTHER: '政务服务管理局',
};
