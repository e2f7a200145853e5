package io.portcullis.core.application;

import io.portcullis.core.domain.model.audit.AuditRepository.AuditFilter;
import io.portcullis.core.domain.model.shared.Page;
import io.portcullis.core.domain.model.shared.PageRequest;

/** Reading the audit trail, newest first. */
public interface AuditService {

  Page<AuditView> list(AuditFilter filter, PageRequest page);
}
