<#import "template.ftl" as layout>
<@layout.registrationLayout; section>
    <#if section = "header">
        ${msg("gatehouseSsoChooseTitle")}
    <#elseif section = "form">
        <ul id="gatehouse-sso-choices" class="${properties.kcFormSocialAccountListClass!}">
            <#list ssoChoices as choice>
                <li>
                    <a class="${properties.kcFormSocialAccountListButtonClass!}" href="${choice.loginUrl}">${choice.displayName}</a>
                </li>
            </#list>
        </ul>
    </#if>
</@layout.registrationLayout>
