// The integration tests' webhook receiver. It verifies every delivery with the official Standard
// Webhooks library (not with Gatehouse's own signing code) and records what it got, so a test can
// read back each delivery and whether its signature verified.
//
//   node receiver.js <port>           listens on 127.0.0.1:<port>, prints "listening" when ready
//   POST /hooks/<name>                a delivery for the endpoint <name>: 204, or 500 while told to fail
//   PUT  /control/<name>/secret       body: the endpoint's signing secret (whsec_...)
//   PUT  /control/<name>/fail         body: how many of the next deliveries to answer with 500
//   PUT  /control/<name>/hold         body: how many of the next deliveries never to answer (a sender that dies mid-request)
//   GET  /control/<name>/deliveries   what <name> received, in order of arrival
'use strict';
const http = require('http');
const { Webhook } = require('standardwebhooks');

const endpoints = new Map();

function endpoint(name) {
  if (!endpoints.has(name)) {
    endpoints.set(name, { secret: null, failures: 0, holds: 0, deliveries: [] });
  }
  return endpoints.get(name);
}

function verified(secret, body, headers) {
  if (!secret) {
    return false;
  }
  try {
    new Webhook(secret).verify(body, headers);
    return true;
  } catch (e) {
    return false;
  }
}

function record(target, body, headers, answered) {
  return {
    webhookId: headers['webhook-id'] || null,
    timestamp: headers['webhook-timestamp'] || null,
    verified: verified(target.secret, body, headers),
    answered,
    event: parsed(body),
  };
}

function parsed(body) {
  try {
    return JSON.parse(body);
  } catch (e) {
    return null;
  }
}

const server = http.createServer((request, response) => {
  const chunks = [];
  request.on('data', chunk => chunks.push(chunk));
  request.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    const [, kind, name, action] = request.url.split('/');
    const target = name ? endpoint(decodeURIComponent(name)) : null;
    if (kind === 'hooks' && target && request.method === 'POST') {
      const holding = target.holds > 0;
      if (holding) {
        target.holds--;
        target.deliveries.push(record(target, body, request.headers, 'held'));
        return;
      }
      const failing = target.failures > 0;
      if (failing) {
        target.failures--;
      }
      target.deliveries.push(record(target, body, request.headers, failing ? 500 : 204));
      response.writeHead(failing ? 500 : 204);
      response.end();
    } else if (kind === 'control' && target && action === 'secret' && request.method === 'PUT') {
      target.secret = body.trim();
      response.writeHead(204);
      response.end();
    } else if (kind === 'control' && target && action === 'fail' && request.method === 'PUT') {
      target.failures = parseInt(body, 10) || 0;
      response.writeHead(204);
      response.end();
    } else if (kind === 'control' && target && action === 'hold' && request.method === 'PUT') {
      target.holds = parseInt(body, 10) || 0;
      response.writeHead(204);
      response.end();
    } else if (kind === 'control' && target && action === 'deliveries' && request.method === 'GET') {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify(target.deliveries));
    } else {
      response.writeHead(404);
      response.end();
    }
  });
});

server.listen(parseInt(process.argv[2], 10), '127.0.0.1', () => console.log('listening'));
