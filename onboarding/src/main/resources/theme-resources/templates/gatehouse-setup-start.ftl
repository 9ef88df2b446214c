<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=false displayInfo=true; section>
    <#if section = "header">
        ${msg("gatehouseSetupStartTitle")}
    <#elseif section = "form">
        <p>${msg("gatehouseSetupStartText")}</p>
        <form id="gatehouse-setup-start" class="${properties.kcFormClass!}" action="${setupOpenUrl}" method="post">
            <input type="hidden" name="open" value="${setupOpenToken}"/>
            <div id="kc-form-buttons" class="${properties.kcFormGroupClass!}">
                <input id="gatehouse-setup-begin" type="submit" value="${msg("gatehouseSetupStartButton")}"
                       class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}"/>
            </div>
        </form>
    <#elseif section = "info">
        ${msg("gatehouseSetupStartInfo")}
    </#if>
</@layout.registrationLayout>
