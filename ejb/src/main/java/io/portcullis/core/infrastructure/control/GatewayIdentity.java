package io.portcullis.core.infrastructure.control;

/**
 * A gateway that presented a valid token: who it is and which location it serves.
 *
 * @param gatewayId the gateway
 * @param gatewayName its name
 * @param locationId the one location its token is bound to
 * @param locationName that location's name
 * @param tokenHash hex SHA-256 of the token it presented, to notice a later revocation
 */
public record GatewayIdentity(
    long gatewayId, String gatewayName, long locationId, String locationName, String tokenHash) {

  @Override
  public String toString() {
    return "gateway " + gatewayId + " '" + gatewayName + "' of location " + locationId + " '" + locationName + "'";
  }
}
