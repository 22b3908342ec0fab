import { makeCode } from '../ErrorCode.js';

export const TAX_RATINGS_NOT_PUBLISHED = makeCode(
  'TAX_RATINGS_NOT_PUBLISHED',
  'input',
  404,
  'The tax administration has not published credit ratings for the year asked: ratings for a year are evaluated after it ends and published the following April, and only the years the message lists are on record. Ask for one of those years.',
);
