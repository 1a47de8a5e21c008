package org.abuseloop.intel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * An HTTP body read into bytes up to a cap: one byte more and the exchange is cancelled and the body
 * fails with {@link TooLarge}, so that a server sending megabytes costs at most the cap in memory.
 * Thread-safe as the JDK client uses it (signals arrive one at a time); {@link #received()} may be read
 * from any thread.
 */
final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {

  /** The body passed the cap; the rest was not read. */
  static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    TooLarge(int cap) {
      super("answer larger than " + cap + " bytes, cut off");
    }
  }

  private final int cap;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final CompletableFuture<byte[]> result = new CompletableFuture<>();
  private volatile long received;
  private Flow.Subscription subscription;

  CappedBody(int cap) {
    this.cap = cap;
  }

  /** The bytes received so far. */
  long received() {
    return received;
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return result;
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    s.request(1);
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    if (result.isDone()) {
      return;
    }
    for (ByteBuffer b : buffers) {
      received += b.remaining();
      if (received > cap) {
        subscription.cancel();
        result.completeExceptionally(new TooLarge(cap));
        return;
      }
      byte[] chunk = new byte[b.remaining()];
      b.get(chunk);
      bytes.write(chunk, 0, chunk.length);
    }
    subscription.request(1);
  }

  @Override
  public void onError(Throwable error) {
    result.completeExceptionally(error);
  }

  @Override
  public void onComplete() {
    result.complete(bytes.toByteArray());
  }
}
