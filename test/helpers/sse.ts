/** Reads a Server-Sent Events stream until its first `next` event and returns that event's JSON payload. */
export async function firstNextEvent<T>(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<T> {
  let buf = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`stream ended before an event: ${buf}`);
    buf += Buffer.from(value).toString("utf8");
    const m = /event: next\ndata: (.+)\n/.exec(buf);
    if (m) return JSON.parse(m[1]!) as T;
  }
}
