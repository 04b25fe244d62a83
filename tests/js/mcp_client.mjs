// Calls the apicode MCP example server with the official MCP TypeScript SDK over stdio: the
// SDK's StdioClientTransport starts the server (APICODE_MCP_COMMAND) and speaks MCP to it.
// Prints one JSON line per step:
//   {"case": "initialize", "server": {...}, "tools": [names]}
//   {"case": NAME, "code", "message", "data"}   a tools/call that failed with a JSON-RPC error,
//                                                 as the SDK raises it (McpError)
//   {"case": NAME, "result": {...}}             a tools/call that succeeded
// APICODE_CODES is a JSON array of the codes to make the `fail` tool fail with.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { McpError } from "@modelcontextprotocol/sdk/types.js";

const command = process.env.APICODE_MCP_COMMAND;
const codes = JSON.parse(process.env.APICODE_CODES ?? "[]");

const print = (outcome) => process.stdout.write(`${JSON.stringify(outcome)}\n`);

async function call(client, name, tool, args) {
  try {
    const result = await client.callTool({ name: tool, arguments: args });
    print({ case: name, result });
  } catch (error) {
    if (!(error instanceof McpError)) throw error;
    print({ case: name, code: error.code, message: error.message, data: error.data ?? null });
  }
}

const transport = new StdioClientTransport({ command, args: [], stderr: "inherit" });
const client = new Client({ name: "apicode-tests", version: "0.1.0" });
await client.connect(transport);
const { tools } = await client.listTools();
print({
  case: "initialize",
  server: client.getServerVersion(),
  tools: tools.map((tool) => tool.name),
});
for (const code of codes) {
  await call(client, `fail ${code}`, "fail", { code });
}
await call(client, "add", "add", { a: 2, b: 40 });
await call(client, "add not integers", "add", { a: "two", b: 40 });
await call(client, "add one term", "add", { a: 2 });
await call(client, "fail no code", "fail", {});
await call(client, "unknown tool", "delete_everything", {});
await client.close();
