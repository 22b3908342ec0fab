import { runDepartmentMain } from '@govgraph/department';
import { department } from './department.js';

// Production edge: `npm start -w @govgraph/housing` (HOUSING_PORT, HOUSING_DATABASE_URL).
await runDepartmentMain(department);
