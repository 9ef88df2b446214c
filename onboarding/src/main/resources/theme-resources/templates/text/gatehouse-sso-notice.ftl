<#ftl output_format="plainText">
${msg("gatehouseSsoNoticeIntro", orgName)}

${msg("gatehouseSsoNoticeLinkText")}

${link}

<#if ssoRequired>${msg("gatehouseSsoNoticeRequired", orgName)}<#else>${msg("gatehouseSsoNoticePasswordStays")}</#if>

${msg("gatehouseSsoNoticeIgnore")}
