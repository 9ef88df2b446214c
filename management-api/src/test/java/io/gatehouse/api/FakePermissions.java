package io.gatehouse.api;

import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;
import org.keycloak.services.resources.admin.fgap.OrganizationPermissionEvaluator;
import org.keycloak.services.resources.admin.fgap.RealmPermissionEvaluator;
import org.keycloak.services.resources.admin.fgap.UserPermissionEvaluator;

import java.lang.reflect.Proxy;
import java.util.Set;

/**
 * A stand-in for Keycloak's permission evaluator in unit tests: a check such as
 * {@code "orgs.canManage"} or {@code "realm.canViewEvents"} answers true when it is granted, whatever
 * it is asked about; any other check answers false. A call that is no yes/no check (a require...,
 * another part of the evaluator) throws, so a test never passes on something the stand-in does not model.
 */
final class FakePermissions {

    private FakePermissions() {
    }

    static AdminPermissionEvaluator granting(String... checks) {
        Set<String> granted = Set.of(checks);
        return proxy(AdminPermissionEvaluator.class, (self, method, args) -> switch (method.getName()) {
            case "orgs" -> part(OrganizationPermissionEvaluator.class, "orgs", granted);
            case "users" -> part(UserPermissionEvaluator.class, "users", granted);
            case "realm" -> part(RealmPermissionEvaluator.class, "realm", granted);
            default -> throw new UnsupportedOperationException(method.getName());
        });
    }

    private static <T> T part(Class<T> type, String name, Set<String> granted) {
        return proxy(type, (self, method, args) -> {
            if (method.getReturnType() != boolean.class) {
                throw new UnsupportedOperationException(method.getName());
            }
            return granted.contains(name + "." + method.getName());
        });
    }

    private static <T> T proxy(Class<T> type, java.lang.reflect.InvocationHandler handler) {
        return type.cast(Proxy.newProxyInstance(FakePermissions.class.getClassLoader(), new Class<?>[]{type}, handler));
    }
}
