// Child process of the API benchmark: the baseline, a bare node:http server returning the same bytes the
// real server returned for each path (its body and headers); prints its port.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

// Bodies are encoded once, as a server that caches its responses would.
const responses = new Map(
  Object.entries(JSON.parse(readFileSync(process.argv[2], 'utf8'))).map(([path, { headers, body }]) => [path, { headers, body: Buffer.from(body) }]),
);
const server = createServer((request, response) => {
  const found = responses.get(request.url);
  if (!found) {
    response.writeHead(404).end();
    return;
  }
  response.writeHead(200, found.headers);
  response.end(found.body);
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`${server.address().port}\n`));
