/** The workspace's YAML files by folder: light to load, so a thread pool can be given its files before anything else loads. */
import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

/** Every .yaml / .yml file below `dir/sub`, in a stable order; a missing folder holds none. */
export async function listYamlTree(dir: string, sub: string): Promise<string[]> {
  const root = join(dir, sub);
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  // Each file's place in the folder is worked out once, not at every comparison of the sort, and cut from its path
  // where the path starts with the folder's (relative() resolves both paths: a share of a large workspace's start).
  const inRoot = root + sep;
  return entries
    .filter((e) => e.isFile() && /\.ya?ml$/i.test(e.name))
    .map((e) => {
      const file = join(e.parentPath, e.name);
      return { file, place: file.startsWith(inRoot) ? file.slice(inRoot.length) : relative(root, file) };
    })
    .sort((a, b) => (a.place < b.place ? -1 : 1))
    .map((e) => e.file);
}
