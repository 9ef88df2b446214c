<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=true displayInfo=true; section>
    <#if section = "header">
        ${msg("gatehouseSsoTitle")}
    <#elseif section = "form">
        <form id="gatehouse-sso-form" class="${properties.kcFormClass!}" action="${ssoActionUrl}" method="post">
            <div class="${properties.kcFormGroupClass!}">
                <label for="identifier" class="${properties.kcLabelClass!}">${msg("gatehouseSsoIdentifier")}</label>
                <input id="identifier" name="identifier" type="text" value="${ssoIdentifier}" autofocus autocomplete="username"
                       class="${properties.kcInputClass!}" aria-invalid="<#if message?has_content && message.type = 'error'>true</#if>"/>
            </div>
            <input type="hidden" name="state" value="${ssoState}"/>
            <div id="kc-form-buttons" class="${properties.kcFormGroupClass!}">
                <input id="gatehouse-sso-continue" type="submit" value="${msg("gatehouseSsoContinue")}"
                       class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}"/>
            </div>
        </form>
    <#elseif section = "info">
        ${msg("gatehouseSsoInfo")}
    </#if>
</@layout.registrationLayout>
