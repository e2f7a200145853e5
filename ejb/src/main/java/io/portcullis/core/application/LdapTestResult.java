package io.portcullis.core.application;

import java.util.List;

/**
 * A successful LDAP test: the bind worked and {@code users} entries match the user filter under the user base DN;
 * {@code sample} holds a few of their usernames (sorted), {@code millis} the time for bind and search.
 */
public record LdapTestResult(String server, long users, List<String> sample, long millis) {}
