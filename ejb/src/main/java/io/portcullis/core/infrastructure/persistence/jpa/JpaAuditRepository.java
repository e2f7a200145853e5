package io.portcullis.core.infrastructure.persistence.jpa;

import io.portcullis.core.domain.model.audit.AuditEvent;
import io.portcullis.core.domain.model.audit.AuditRepository;
import io.portcullis.core.domain.model.shared.Page;
import io.portcullis.core.domain.model.shared.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** The audit trail in PostgreSQL through JPA; append-only. */
@ApplicationScoped
public class JpaAuditRepository implements AuditRepository {

  @PersistenceContext(unitName = "portcullis")
  private EntityManager em;

  @Override
  public void add(AuditEvent event) {
    em.persist(event);
  }

  @Override
  public Page<AuditEvent> list(AuditFilter filter, PageRequest page) {
    return new FilteredQuery<>(em, AuditEvent.class, "from AuditEvent e")
        .where("e.actor = :actor", "actor", filter.actor())
        .where("e.objectType = :objectType", "objectType", filter.objectType())
        .where("e.objectId = :objectId", "objectId", filter.objectId())
        .where("e.action = :action", "action", filter.action())
        .where("e.occurredAt >= :from", "from", filter.from())
        .where("e.occurredAt < :to", "to", filter.to())
        .page(page, "e.occurredAt desc, e.id desc");
  }
}
