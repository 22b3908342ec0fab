import { runDepartmentMain } from '@govgraph/department';
import { department } from './department.js';

// Production edge: `npm start -w @govgraph/tracker` (TRACKER_PORT, CALLER_TOKEN_PUBLIC_KEYS, and the
// hub store's HUB_DATABASE_URL or GOVGRAPH_DATA_DIR/hub.sqlite: the department names it).
await runDepartmentMain(department);
