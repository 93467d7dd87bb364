package org.cryoem.wasserstein.simulate;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

import org.cryoem.wasserstein.Progress;

/**
 * A fixed pool of daemon threads that runs a per-index task over [0, n), while
 * the calling thread reports progress and polls for cancellation. Results
 * must depend on the index only (never on which thread ran it).
 */
final class Parallel implements AutoCloseable {

	private static final AtomicInteger POOLS = new AtomicInteger();

	private final int threads;
	private final ExecutorService pool;

	Parallel(final int threads) {
		this.threads = Math.max(1, threads);
		final int id = POOLS.incrementAndGet();
		final AtomicInteger count = new AtomicInteger();
		this.pool = Executors.newFixedThreadPool(this.threads, r -> {
			final Thread t = new Thread(r, "w2d-sim-" + id + "-" + count.incrementAndGet());
			t.setDaemon(true);
			return t;
		});
	}

	/**
	 * Runs {@code task} for every index in [0, n) and waits for all of them,
	 * reporting {@code stage} progress from the calling thread.
	 *
	 * @throws CancellationException if {@code progress} reports cancellation or
	 *           the calling thread is interrupted
	 */
	void forEach(final int n, final String stage, final Progress progress, final IntConsumer task) {
		if (n <= 0) return;
		final AtomicBoolean stop = new AtomicBoolean();
		final AtomicInteger done = new AtomicInteger();
		final int chunks = Math.min(n, threads * 16);
		final List<Future<?>> futures = new ArrayList<>(chunks);
		for (int c = 0; c < chunks; c++) {
			final int from = (int) ((long) n * c / chunks);
			final int to = (int) ((long) n * (c + 1) / chunks);
			futures.add(pool.submit(() -> {
				for (int i = from; i < to && !stop.get(); i++) {
					task.accept(i);
					done.incrementAndGet();
				}
			}));
		}
		try {
			for (final Future<?> f : futures) {
				while (true) {
					progress.report(stage, done.get(), n);
					if (progress.isCancelled() || Thread.currentThread().isInterrupted()) {
						throw new CancellationException(stage + ": cancelled");
					}
					try {
						f.get(100, TimeUnit.MILLISECONDS);
						break;
					}
					catch (final TimeoutException e) {
						// poll again
					}
				}
			}
			progress.report(stage, n, n);
		}
		catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new CancellationException(stage + ": interrupted");
		}
		catch (final ExecutionException e) {
			final Throwable cause = e.getCause();
			if (cause instanceof RuntimeException) throw (RuntimeException) cause;
			if (cause instanceof Error) throw (Error) cause;
			throw new IllegalStateException(cause);
		}
		finally {
			stop.set(true);
			for (final Future<?> f : futures)
				f.cancel(false);
		}
	}

	@Override
	public void close() {
		pool.shutdownNow();
	}
}
