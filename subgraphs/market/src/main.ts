import { runDepartmentMain } from '@govgraph/department';
import { department } from './department.js';

// Production edge: `npm start -w @govgraph/market` (MARKET_PORT, MARKET_DATABASE_URL).
await runDepartmentMain(department);
