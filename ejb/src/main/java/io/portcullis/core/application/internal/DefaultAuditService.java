package io.portcullis.core.application.internal;

import io.portcullis.core.application.AuditService;
import io.portcullis.core.application.AuditView;
import io.portcullis.core.domain.model.audit.AuditRepository;
import io.portcullis.core.domain.model.audit.AuditRepository.AuditFilter;
import io.portcullis.core.domain.model.shared.Page;
import io.portcullis.core.domain.model.shared.PageRequest;
import io.portcullis.core.application.security.AdminOnly;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

/** Reads the audit trail. */
@Stateless
@AdminOnly
public class DefaultAuditService implements AuditService {

  @Inject private AuditRepository events;

  @Override
  public Page<AuditView> list(AuditFilter filter, PageRequest page) {
    return events.list(filter, page).map(ViewAssembler::audit);
  }
}
