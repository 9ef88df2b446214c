<#-- HTML output format: every value below, the organization's name included, is escaped. -->
<html>
<body>
<p>${msg("gatehouseSsoNoticeIntro", orgName)}</p>
<p>${msg("gatehouseSsoNoticeLinkText")}</p>
<p><a href="${link}">${msg("gatehouseSsoNoticeButton")}</a></p>
<#if ssoRequired>
<p><strong>${msg("gatehouseSsoNoticeRequired", orgName)}</strong></p>
<#else>
<p>${msg("gatehouseSsoNoticePasswordStays")}</p>
</#if>
<p>${msg("gatehouseSsoNoticeIgnore")}</p>
</body>
</html>
