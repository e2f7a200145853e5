package io.portcullis.core.application;

import java.time.Instant;
import java.util.List;

/** A group as the API shows it; {@code members} are usernames, sorted. */
public record GroupView(long id, String name, String description, List<String> members, Instant createdAt) {}
