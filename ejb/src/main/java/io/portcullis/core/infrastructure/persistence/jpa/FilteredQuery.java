package io.portcullis.core.infrastructure.persistence.jpa;

import io.portcullis.core.domain.model.shared.Page;
import io.portcullis.core.domain.model.shared.PageRequest;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JPQL list query over one entity with optional filters, answered as a {@link Page} (one count query, one
 * page query). Filters are JPQL fragments over the alias {@code e} with named parameters.
 */
final class FilteredQuery<T> {

  private final EntityManager em;
  private final Class<T> type;
  private final String from;
  private final List<String> conditions = new ArrayList<>();
  private final Map<String, Object> parameters = new LinkedHashMap<>();

  FilteredQuery(EntityManager em, Class<T> type, String from) {
    this.em = em;
    this.type = type;
    this.from = from;
  }

  /** Adds {@code condition} if {@code value} is not null, binding it to {@code :name}. */
  FilteredQuery<T> where(String condition, String name, Object value) {
    if (value != null) {
      conditions.add(condition);
      parameters.put(name, value);
    }
    return this;
  }

  /** Adds a case-insensitive substring match on any of {@code fields} if {@code text} is not blank. */
  FilteredQuery<T> search(String text, String... fields) {
    if (text == null || text.isBlank()) {
      return this;
    }
    List<String> likes = new ArrayList<>();
    for (String field : fields) {
      likes.add("lower(" + field + ") like :q");
    }
    conditions.add("(" + String.join(" or ", likes) + ")");
    String escaped = text.toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    parameters.put("q", "%" + escaped + "%");
    return this;
  }

  Page<T> page(PageRequest page, String orderBy) {
    String where = conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    TypedQuery<Long> count = em.createQuery("select count(distinct e) " + from + where, Long.class);
    TypedQuery<T> items = em.createQuery("select distinct e " + from + where + " order by " + orderBy, type);
    parameters.forEach(
        (name, value) -> {
          count.setParameter(name, value);
          items.setParameter(name, value);
        });
    items.setFirstResult(page.offset()).setMaxResults(page.limit());
    return new Page<>(items.getResultList(), count.getSingleResult(), page.offset(), page.limit());
  }
}
