package org.abuseloop.cli;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.abuseloop.core.Service;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads a service id ({@code asterisk}, {@code sshd}) from the command line with a clear error. */
final class ServiceConverter implements ITypeConverter<Service> {

  @Override
  public Service convert(String value) {
    Service s = Service.byId(value);
    if (s == null) {
      throw new TypeConversionException("unknown service '" + value + "'; known: " + String.join(", ", names()));
    }
    return s;
  }

  static List<String> names() {
    List<String> out = new ArrayList<>();
    for (Service s : Service.values()) {
      out.add(s.id());
    }
    return out;
  }

  /** The completion candidates picocli lists in help. */
  static final class Names implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return names().iterator();
    }
  }
}
