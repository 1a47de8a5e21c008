package org.abuseloop.intel;

import java.net.URI;
import org.abuseloop.core.IpAddress;

/**
 * What an RDAP {@code ip network} answer says about where abuse goes: the network's first and
 * last address, its handle and name, and the abuse entity's e-mail. Immutable and thread-safe.
 *
 * @param first the network's first address (the queried one when the answer gives no range)
 * @param last the network's last address
 * @param handle the registry's handle of the network, or null
 * @param name the network's name, or null
 * @param abuseEmail the e-mail of the entity with role {@code abuse}, or null when there is none
 * @param abuseEntity the handle of that entity, or null
 * @param answeredBy the URL that gave the answer (after redirects)
 */
public record RdapNetwork(IpAddress first, IpAddress last, String handle, String name, String abuseEmail,
                          String abuseEntity, URI answeredBy) {}
