/** Creating and dropping the test databases on the test server, through a short-lived admin connection. */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

async function admin<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A database name no other test (or test run on the same server) will pick. */
export function uniqueDatabaseName(prefix: string): string {
  return `${prefix}_${randomBytes(8).toString('hex')}`;
}

/** The URL of `database` on the server of `serverUrl`. */
export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Names are made by `uniqueDatabaseName` or fixed here: quoting them as identifiers is enough. */
function identifier(name: string): string {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`Unexpected test database name ${name}`);
  return `"${name}"`;
}

export async function createDatabase(serverUrl: string, name: string, template = 'template0'): Promise<void> {
  await admin(serverUrl, (client) => client.query(`create database ${identifier(name)} template ${identifier(template)}`));
}

/**
 * Drops a test database. A closed pool's connections take a moment to leave the server, and forcing them
 * out then would raise an error in the client that is closing: wait for them first, and force only what a
 * test left open for seconds.
 */
export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  await admin(serverUrl, async (client) => {
    for (let attempt = 0; attempt < 100; attempt++) {
      try {
        await client.query(`drop database if exists ${identifier(name)}`);
        return;
      } catch (error) {
        // 55006 object_in_use: "database is being accessed by other users".
        if ((error as { code?: string }).code !== '55006') throw error;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
    await client.query(`drop database if exists ${identifier(name)} with (force)`);
  });
}

/** Lets `name` serve as a template (only templates or the owner's databases may be copied). */
export async function markTemplate(serverUrl: string, name: string): Promise<void> {
  await admin(serverUrl, (client) => client.query(`alter database ${identifier(name)} is_template true`));
}

export async function unmarkTemplate(serverUrl: string, name: string): Promise<void> {
  await admin(serverUrl, (client) => client.query(`alter database ${identifier(name)} is_template false`));
}
