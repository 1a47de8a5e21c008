package org.abuseloop.logs;

import java.io.Closeable;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.abuseloop.core.Event;

/**
 * Several event streams merged into one in event-time order, so that logs of two services or two
 * hosts covering the same days reach the detector as one timeline: a k-way merge on a heap of each
 * input's next event, ties broken by input order (an input's own events keep their order, so lines
 * out of order inside one file stay as they were). An input is opened only when the merge reaches the
 * time of its first event and closed at its end, so inputs that cover different days are never open
 * together; memory holds one pending event per open input. Not thread-safe; one reader.
 */
public final class TimeOrderedMerge implements EventCursor {

  /** One input: tells the time of its first event cheaply, and opens for reading. */
  public interface Input {
    /** The time of the first event this input gives, or null when it gives none. */
    Instant firstTime() throws IOException;

    /** Opens the input; its events come in its own order. */
    EventCursor open() throws IOException;
  }

  private static final Comparator<Head> ORDER = Comparator.comparing((Head h) -> h.event.time()).thenComparingInt(h -> h.input);

  private final List<? extends Input> inputs;
  private final PriorityQueue<Head> heads = new PriorityQueue<>(ORDER);
  /** Inputs not opened yet, by the time of their first event (then input order). */
  private final PriorityQueue<Waiting> waiting = new PriorityQueue<>(
      Comparator.comparing((Waiting w) -> w.first).thenComparingInt(w -> w.input));
  private final List<EventCursor> open = new ArrayList<>();
  private boolean started;
  /** With one input there is nothing to merge: its open cursor, read straight through (no heap, no head). */
  private EventCursor only;

  public TimeOrderedMerge(List<? extends Input> inputs) {
    this.inputs = List.copyOf(inputs);
  }

  @Override
  public Event next() throws IOException {
    if (!started) {
      start();
      if (inputs.size() == 1 && !waiting.isEmpty()) {
        waiting.poll();
        only = inputs.get(0).open();
        open.add(only);
      }
    }
    if (only != null) {
      return nextOfOnly();
    }
    while (!waiting.isEmpty() && (heads.isEmpty() || !waiting.peek().first.isAfter(heads.peek().event.time()))) {
      activate(waiting.poll().input);
    }
    Head h = heads.poll();
    if (h == null) {
      return null;
    }
    advance(h.cursor, h.input);
    return h.event;
  }

  private Event nextOfOnly() throws IOException {
    Event e = only.next();
    if (e == null) {
      open.remove(only);
      only.close();
      only = null;
    }
    return e;
  }

  /** Asks every input for its first time; inputs with no event are read through at once (for their counts). */
  private void start() throws IOException {
    started = true;
    for (int i = 0; i < inputs.size(); i++) {
      Instant first = inputs.get(i).firstTime();
      if (first == null) {
        try (EventCursor c = inputs.get(i).open()) {
          while (c.next() != null) {
            // none expected; an input that gives events after all is simply read through
          }
        }
      } else {
        waiting.add(new Waiting(first, i));
      }
    }
  }

  private void activate(int input) throws IOException {
    EventCursor c = inputs.get(input).open();
    open.add(c);
    advance(c, input);
  }

  private void advance(EventCursor c, int input) throws IOException {
    Event e = c.next();
    if (e != null) {
      heads.add(new Head(e, input, c));
    } else {
      open.remove(c);
      c.close();
    }
  }

  @Override
  public void close() throws IOException {
    IOException first = null;
    for (Closeable c : open) {
      try {
        c.close();
      } catch (IOException e) {
        first = first == null ? e : first;
      }
    }
    open.clear();
    heads.clear();
    only = null;
    if (first != null) {
      throw first;
    }
  }

  private record Head(Event event, int input, EventCursor cursor) {}

  private record Waiting(Instant first, int input) {}
}
