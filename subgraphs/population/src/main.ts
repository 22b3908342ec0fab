import { runDepartmentMain } from '@govgraph/department';
import { department } from './department.js';

// Production edge: `npm start -w @govgraph/population` (POPULATION_PORT, POPULATION_DATABASE_URL).
await runDepartmentMain(department);
