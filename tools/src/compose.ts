import { composeCommand } from './composeCommand.js';
import { departments } from './departments.js';

// `npm run compose -- [--check] [--accept-breaking]`: the CLI edge of composeCommand.
process.exitCode = await composeCommand(process.argv.slice(2), { departments });
