package io.hestia.ha.sim;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Streams a large body from a worker thread into an HTTP response in chunks, waiting for the connection to
 * drain when Netty's write queue is full. A body that fits in the first chunk is sent with Content-Length.
 */
final class ResponseStream extends OutputStream {

    private static final int CHUNK = 256 * 1024;

    private final HttpServerResponse response;
    private Buffer buffer = Buffer.buffer(CHUNK + 8192);
    private boolean chunked;
    private volatile boolean broken;
    private long bytes;

    ResponseStream(HttpServerResponse response) {
        this.response = response;
        response.closeHandler(v -> broken = true);
        response.exceptionHandler(e -> broken = true);
    }

    long bytes() {
        return bytes;
    }

    @Override
    public void write(int b) throws IOException {
        buffer.appendByte((byte) b);
        bytes++;
        if (buffer.length() >= CHUNK) {
            push();
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        buffer.appendBytes(b, off, len);
        bytes += len;
        if (buffer.length() >= CHUNK) {
            push();
        }
    }

    private void push() throws IOException {
        if (broken) {
            throw new IOException("client went away");
        }
        if (!chunked) {
            chunked = true;
            response.setChunked(true);
        }
        response.write(buffer);
        buffer = Buffer.buffer(CHUNK + 8192);
        if (response.writeQueueFull()) {
            CountDownLatch drained = new CountDownLatch(1);
            response.drainHandler(v -> drained.countDown());
            try {
                while (response.writeQueueFull() && !broken) {
                    if (drained.await(200, TimeUnit.MILLISECONDS)) {
                        break;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (broken) {
            throw new IOException("client went away");
        }
        response.end(buffer);
    }
}
