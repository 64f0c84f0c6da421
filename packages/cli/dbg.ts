import fs from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import * as sdk from '@sluice/sdk';
import { parseYamlDocuments } from '@sluice/sdk';
import { planModule } from './src/import/generate.ts';
import { newestForm } from './src/import/import-manifests.ts';
import { printModule } from './src/import/js-syntax.ts';

const f = process.argv[2] as string;
const doc = newestForm(parseYamlDocuments(fs.readFileSync(f, 'utf8'), f, { duplicateKeys: 'keep-last' })[0]);
const plan = planModule([doc], { templates: new Map(), documents: new Set() });
const code = printModule(plan.statements);
if (process.env.CODE) console.log(code);
const runnable = plan.statements.flatMap((s: any) =>
  s.type === 'import'
    ? [{ type: 'code', text: `const { ${s.names.join(', ')} } = __sdk;` }]
    : s.type === 'exportDefault'
      ? [
          { type: 'const', name: '__d', value: s.value },
          { type: 'code', text: '__e.d = __d;' },
        ]
      : [s],
);
const e: any = {};
try {
  new Function('__sdk', '__e', printModule(runnable as any))(sdk, e);
} catch (x) {
  console.log('THREW', (x as Error).message);
  process.exit(0);
}
const built = e.d.toObject();
const diff = (a: any, b: any, p: string) => {
  if (isDeepStrictEqual(a, b)) return;
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) diff(a[k], b[k], `${p}.${k}`);
  } else console.log('DIFF', p, JSON.stringify(a)?.slice(0, 200), '<built | input>', JSON.stringify(b)?.slice(0, 200));
};
diff(built, doc, '');
