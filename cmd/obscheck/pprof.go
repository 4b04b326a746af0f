package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"time"
)

// startProfiles writes cpu.pprof now and heap.pprof when stop is called,
// plus timing.txt with the wall time of the run.
func startProfiles(dir string) (stop func(), err error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	cpu, err := os.Create(filepath.Join(dir, "cpu.pprof"))
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(cpu); err != nil {
		cpu.Close()
		return nil, err
	}
	start := time.Now()
	return func() {
		pprof.StopCPUProfile()
		cpu.Close()
		runtime.GC()
		if heap, err := os.Create(filepath.Join(dir, "heap.pprof")); err == nil {
			pprof.WriteHeapProfile(heap)
			heap.Close()
		}
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		os.WriteFile(filepath.Join(dir, "timing.txt"), []byte(fmt.Sprintf("wall %s\nheap_sys_bytes %d\ntotal_alloc_bytes %d\n",
			time.Since(start).Round(time.Millisecond), ms.HeapSys, ms.TotalAlloc)), 0o644)
	}, nil
}
