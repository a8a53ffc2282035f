/**
 * What the Amparo child's memory is made of, for `BENCH_MEMORY_PROBE=<file>`:
 * index.ts then loads this module into the child (`--import`) and sends it
 * SIGUSR2 after each Amparo run; it appends one JSON line to the file: the
 * process.memoryUsage() sample taken at the highest RSS since the last
 * signal, each component's maximum, V8's heap spaces now, and the size of
 * every WebAssembly memory (PGlite's, which only ever grows). Sampling every
 * 100 ms is cheap (memoryUsage reads /proc once); nothing else changes.
 */
import fs from 'node:fs';
import v8 from 'node:v8';

const file = process.env.BENCH_MEMORY_PROBE;
const MiB = 2 ** 20;

// PGlite creates its memory with `new WebAssembly.Memory(...)`: keep a handle on each.
// (The project's TypeScript lib has no WebAssembly types: the little used is typed here.)
interface WasmMemory {
  buffer: ArrayBuffer;
}
type MemoryConstructor = new (descriptor: { initial: number; maximum?: number }) => WasmMemory;
const wasmApi = (globalThis as unknown as { WebAssembly: { Memory: MemoryConstructor } })
  .WebAssembly;
// Weak: the probe must not keep a closed PGlite's memory alive.
const memories: WeakRef<WasmMemory>[] = [];
class TrackedMemory extends wasmApi.Memory {
  constructor(descriptor: { initial: number; maximum?: number }) {
    super(descriptor);
    memories.push(new WeakRef(this));
  }
}
wasmApi.Memory = TrackedMemory;

const live = () =>
  memories.map((ref) => ref.deref()).filter((memory): memory is WasmMemory => !!memory);

type Usage = NodeJS.MemoryUsage & { wasm: number };

const sample = (): Usage => ({
  ...process.memoryUsage(),
  wasm: live().reduce((sum, memory) => sum + memory.buffer.byteLength, 0),
});

let atPeak = sample();
let maxima = { ...atPeak };

if (file) {
  setInterval(() => {
    const now = sample();
    if (now.rss >= atPeak.rss) atPeak = now;
    for (const key of Object.keys(maxima) as (keyof Usage)[]) {
      maxima[key] = Math.max(maxima[key], now[key]);
    }
  }, 100).unref();

  process.on('SIGUSR2', () => {
    const mib = (usage: Usage) =>
      Object.fromEntries(Object.entries(usage).map(([key, value]) => [key, round(value / MiB)]));
    const spaces = Object.fromEntries(
      v8.getHeapSpaceStatistics().map((space) => [space.space_name, round(space.space_size / MiB)]),
    );
    const line = {
      pid: process.pid,
      atPeakRss: mib(atPeak),
      maxima: mib(maxima),
      heapSpacesNow: spaces,
      wasmMemories: live().map((memory) => round(memory.buffer.byteLength / MiB)),
    };
    fs.appendFileSync(file, `${JSON.stringify(line)}\n`);
    atPeak = sample();
    maxima = { ...atPeak };
  });
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
