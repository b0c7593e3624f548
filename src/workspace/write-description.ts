/**
 * The system description written as `description.yaml` (docs/system-description.md), so that `loadDescription` reads
 * it back as it was. Empty sections are left out (the loader reads them as empty), as are an incident's missing
 * finding and date.
 */
import { Document } from 'yaml';
import { COMPONENT_KINDS, type SystemDescription } from '../domain/index.js';
import { DESCRIPTION_FILE } from './description.js';
import { LINE_WIDTH, flow, map, optional, prose, yamlText, type Fields } from './yaml-write.js';

/** `description.yaml` of the description; pure. */
export function renderDescription(description: SystemDescription): { path: string; text: string } {
  const doc = new Document();
  const complementary = (items: readonly { text: string; criteria: readonly string[] }[]) =>
    doc.createNode(items.map((c) => map(doc, [['text', c.text], ['criteria', flow(doc, c.criteria)]])));
  const components: Fields = COMPONENT_KINDS.flatMap((kind) => (description.components[kind] === '' ? [] : [[kind, paragraph(description.components[kind])]]));
  const fields: Fields = [
    ...nonEmpty('services', description.services === '' ? '' : paragraph(description.services)),
    ...nonEmpty('commitments', description.commitments),
    ...(components.length > 0 ? ([['components', map(doc, components)]] as Fields) : []),
    ...nonEmpty(
      'incidents',
      description.incidents.map((i) => map(doc, [...optional('finding', i.finding), ...optional('date', i.date), ['text', i.text]])),
    ),
    ...nonEmpty('changes', description.changes),
    ...nonEmpty(
      'subserviceOrganizations',
      description.subserviceOrganizations.map((o) =>
        map(doc, [['name', o.name], ['services', o.services], ['method', o.method], ...nonEmpty('csocs', o.csocs.length > 0 ? complementary(o.csocs) : [])]),
      ),
    ),
    ...nonEmpty('userEntityControls', description.userEntityControls.length > 0 ? complementary(description.userEntityControls) : []),
  ];
  doc.contents = map(doc, fields);
  return { path: DESCRIPTION_FILE, text: yamlText(doc) };
}

/** A long or multi-line section as a block, a short one on its line. */
function paragraph(text: string) {
  return text.length > LINE_WIDTH / 2 || /\n/.test(text) ? prose(text) : text;
}

/** `[key, value]` unless the value is empty text or an empty list. */
function nonEmpty(key: string, value: unknown): Fields {
  return value === '' || (Array.isArray(value) && value.length === 0) ? [] : [[key, value]];
}
