package streamlab.produce;

import java.util.concurrent.locks.LockSupport;

/** The clock the {@link Pacer} reads and sleeps on; tests pass a simulated one. */
interface Ticker {
    Ticker SYSTEM = new Ticker() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleepNanos(long nanos) {
            LockSupport.parkNanos(nanos);
        }
    };

    long nanoTime();

    void sleepNanos(long nanos);
}
