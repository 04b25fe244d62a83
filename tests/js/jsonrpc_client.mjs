// Calls the apicode JSON-RPC example server over HTTP with jayson's HTTP client. Prints one
// JSON line per call:
//   {"case": NAME, "code", "message", "data"}   a JSON-RPC error, as jayson hands it over
//   {"case": NAME, "result": ...}               a success
//   {"case": NAME, "batch": [outcomes]}         a batch, each element as above
// APICODE_JSONRPC_URL is the server's URL; APICODE_CODES a JSON array of the codes to make
// the `fail` method fail with (each asked once by position and once by name).
import jayson from "jayson";

const url = new URL(process.env.APICODE_JSONRPC_URL);
const codes = JSON.parse(process.env.APICODE_CODES ?? "[]");
const client = jayson.Client.http({ host: url.hostname, port: Number(url.port), path: url.pathname });

const print = (outcome) => process.stdout.write(`${JSON.stringify(outcome)}\n`);

function outcome(response) {
  if (response.error) {
    const { code, message, data } = response.error;
    return { code, message, data: data ?? null };
  }
  return { result: response.result };
}

function request(method, params) {
  return new Promise((resolve, reject) => {
    client.request(method, params, (error, response) => (error ? reject(error) : resolve(response)));
  });
}

// A batch's answers, matched to its requests by id: the server may answer in any order.
function batch(calls) {
  const requests = calls.map(([method, params]) => client.request(method, params, undefined, false));
  return new Promise((resolve, reject) => {
    client.request(requests, (error, responses) => {
      if (error) return reject(error);
      const byId = new Map(responses.map((response) => [response.id, response]));
      return resolve(requests.map((request) => byId.get(request.id) ?? { error: { code: null } }));
    });
  });
}

async function call(name, method, params) {
  print({ case: name, ...outcome(await request(method, params)) });
}

for (const code of codes) {
  await call(`fail ${code}`, "fail", [code]);
  await call(`fail ${code} by name`, "fail", { code });
}
await call("add", "add", [2, 40]);
await call("add by name", "add", { a: 2, b: 40 });
await call("add not integers", "add", ["two", 40]);
await call("add one term", "add", [2]);
await call("unknown method", "delete_everything", []);
await call("codes", "codes", []);
const responses = await batch([
  ["add", [1, 2]],
  ["fail", [-32020]],
  ["no_such_method", []],
]);
print({ case: "batch", batch: responses.map(outcome) });
