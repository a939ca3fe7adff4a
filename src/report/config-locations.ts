/**
 * @module Where an audit finding comes from in the config: the permission set, user or group it
 * names, or the config section whose rule the check enforces. Pure (config text in, positions out);
 * used by the SARIF renderer so code scanning shows the finding on the config line.
 */

import { readYaml } from '../config/yaml-source.js';
import { parseAddress } from '../model/address.js';
import type { ReportResult } from './document.js';
import type { ConfigLocation } from './render-sarif.js';

type Path = (string | number)[];

/** The section whose settings each check area enforces. */
const SECTION_OF_AREA: Record<string, string | undefined> = {
  root: 'root',
  'identity-center': 'identityCenter',
};

function pathOf(r: ReportResult): Path | undefined {
  const address = parseAddress(r.resource);
  switch (address?.kind) {
    case 'permission-set':
      return ['permissionSets', address.name];
    case 'user':
      return ['users', address.userName];
    case 'group':
      return ['groups', address.name];
    case 'identity-center':
      return ['identityCenter'];
  }
  const section = SECTION_OF_AREA[r.area];
  return section ? [section] : undefined;
}

function exists(data: unknown, path: Path): boolean {
  let node = data;
  for (const key of path) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return false;
    node = (node as Record<string | number, unknown>)[key];
  }
  return true;
}

/** A locator for the config `file` with content `text`: undefined for findings the config does not name. */
export function configLocator(file: string, text: string): (r: ReportResult) => ConfigLocation | undefined {
  const source = readYaml(text);
  return (r) => {
    const path = pathOf(r);
    if (!path || !exists(source.data, path)) return undefined;
    const { line, column } = source.locate(path, 'key');
    return { file, line, column };
  };
}
