import { bool, listOf, mapping, oneOfStrings, str, type Schema } from './builders.js';
import { hook, stringOrList } from './shared.js';

/** `develop` (Compose Develop Specification): the rules of `compose watch`. */
export const develop: Schema = mapping(
  {
    watch: listOf(
      mapping(
        {
          path: { type: 'string', minLength: 1, expect: 'a path to watch, not an empty string' },
          action: oneOfStrings('rebuild', 'restart', 'sync', 'sync+restart', 'sync+exec'),
          target: str,
          ignore: stringOrList,
          include: stringOrList,
          exec: hook,
          initial_sync: bool,
        },
        { required: ['path', 'action'] },
      ),
    ),
  },
  { or: ['null'] },
);
