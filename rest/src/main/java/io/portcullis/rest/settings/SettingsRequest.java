package io.portcullis.rest.settings;

import io.portcullis.core.application.FieldError;
import io.portcullis.core.application.SettingsDraft;
import io.portcullis.core.application.SettingsRules;
import io.portcullis.rest.problem.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON of {@code PUT /settings}: all four sections, each as {@code GET} shows it. The read-only members of
 * the answer ({@code nameDefault}, {@code configured}, {@code passwordSet}, {@code updatedAt}, …) are accepted and
 * ignored, so a document fetched with GET can be changed and sent back as it is; a password that is absent or
 * null keeps the stored one, {@code ""} removes it.
 */
public record SettingsRequest(
    InstanceSection instance,
    IdentitySection identity,
    SmtpSection smtp,
    LdapSection ldap,
    String updatedAt,
    String updatedBy) {

  public record InstanceSection(String name, Boolean nameDefault) {
    SettingsDraft.Instance toDraft() {
      return new SettingsDraft.Instance(name);
    }
  }

  public record IdentitySection(String adminGroup, Boolean adminGroupDefault) {
    SettingsDraft.Identity toDraft() {
      return new SettingsDraft.Identity(adminGroup);
    }
  }

  public record SmtpSection(
      Boolean configured, String host, Integer port, String security, String username, String password,
      Boolean passwordSet, String from) {
    SettingsDraft.Smtp toDraft() {
      return new SettingsDraft.Smtp(host, port, security, username, password, from);
    }
  }

  public record LdapSection(
      Boolean configured,
      String url,
      String bindDn,
      String bindPassword,
      Boolean bindPasswordSet,
      String userBaseDn,
      String userFilter,
      String usernameAttribute,
      String groupBaseDn,
      String groupFilter) {
    SettingsDraft.Ldap toDraft() {
      return new SettingsDraft.Ldap(url, bindDn, bindPassword, userBaseDn, userFilter, usernameAttribute, groupBaseDn,
          groupFilter);
    }
  }

  /** The whole document as a draft; a missing section is a 400 (PUT replaces everything it names). */
  SettingsDraft toDraft() {
    List<FieldError> errors = new ArrayList<>();
    for (var section : List.of(new Object[] {"instance", instance}, new Object[] {"identity", identity},
        new Object[] {"smtp", smtp}, new Object[] {"ldap", ldap})) {
      if (section[1] == null) {
        errors.add(new FieldError((String) section[0],
            "is required: PUT /settings replaces the whole document; PUT /settings/" + section[0] + " changes one section"));
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    return checked(new SettingsDraft(instance.toDraft(), identity.toDraft(), smtp.toDraft(), ldap.toDraft()));
  }

  /** {@code draft} if {@link SettingsRules} finds nothing wrong, else a 400 naming every bad field. */
  static SettingsDraft checked(SettingsDraft draft) {
    List<FieldError> errors = SettingsRules.check(draft);
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    return draft;
  }
}
