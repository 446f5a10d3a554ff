// What one sleep and wake-up costs a Node.js process on this machine: it only sleeps (setTimeout) and wakes,
// N times a second for 5 s, and prints the CPU time used per wake-up.
//
//   pnpm exec tsx bench/wakeup-cost.ts [wake-ups per second, default 1000]
export {}; // a module, for the top-level await

const perSecond = Number(process.argv[2] ?? 1000);
const seconds = 5;
const before = process.cpuUsage();
const start = performance.now();
let wakeUps = 0;
while (performance.now() - start < seconds * 1000) {
  await new Promise<void>((resolve) => setTimeout(resolve, 1000 / perSecond));
  wakeUps++;
}
const used = process.cpuUsage(before);
const micros = used.user + used.system;
console.log(
  `${perSecond}/s asked: ${wakeUps} wake-ups in ${seconds} s, CPU ${(micros / 1000).toFixed(0)} ms, ` +
    `${(micros / wakeUps).toFixed(1)} µs per wake-up`,
);
