package io.portcullis.core.application.security;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/** Refuses calls of {@link AdminOnly} methods by anyone but an administrator, before the method runs. */
@AdminOnly
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class AdminOnlyInterceptor {

  @Inject private Access access;

  @AroundInvoke
  public Object check(InvocationContext invocation) throws Exception {
    access.requireAdmin();
    return invocation.proceed();
  }
}
