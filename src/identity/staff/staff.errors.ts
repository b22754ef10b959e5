import { defineError } from '../../platform/errors/app-error.ts';

/** Errors of agency staff, roles and account restriction (docs/errors.md, identity section). */

export const PersonNotFound = defineError({
  type: 'identity/person-not-found',
  status: 422,
  title: {
    az: 'Bu FİN ilə şəxs tapılmadı',
    en: 'No person with this FİN',
    ru: 'Человек с таким FİN не найден',
  },
  detail: {
    az: 'Əhali reyestrində bu FİN ilə yaşayan şəxs yoxdur. FİN-i yoxlayın.',
    en: 'The population register has no living person with this FİN. Check the FİN.',
    ru: 'В регистре населения нет живущего человека с таким FİN. Проверьте FİN.',
  },
});

export const AlreadyStaff = defineError({
  type: 'identity/already-staff',
  status: 409,
  title: {
    az: 'Bu şəxs artıq qurumun əməkdaşıdır',
    en: 'This person is already on the staff',
    ru: 'Этот человек уже сотрудник организации',
  },
  detail: {
    az: 'Onun rollarını dəyişmək üçün əməkdaşlar siyahısından istifadə edin.',
    en: 'Change the roles from the staff list instead.',
    ru: 'Измените его роли в списке сотрудников.',
  },
});

export const NotStaff = defineError({
  type: 'identity/not-staff',
  status: 404,
  title: {
    az: 'Bu şəxs qurumun əməkdaşı deyil',
    en: 'This person is not on the staff',
    ru: 'Этот человек не сотрудник организации',
  },
  detail: {
    az: 'Əvvəlcə şəxsi əməkdaş kimi dəvət edin.',
    en: 'Invite the person as staff first.',
    ru: 'Сначала пригласите человека как сотрудника.',
  },
});

export const RoleNotFound = defineError({
  type: 'identity/role-not-found',
  status: 404,
  title: { az: 'Rol tapılmadı', en: 'Role not found', ru: 'Роль не найдена' },
  detail: {
    az: 'Bu qurumda belə qüvvədə olan rol yoxdur (bəlkə artıq ləğv edilib).',
    en: 'There is no such role in force in this agency (it may have been revoked already).',
    ru: 'В этой организации нет такой действующей роли (возможно, она уже отозвана).',
  },
});

export const RoleNotAllowed = defineError({
  type: 'identity/role-not-allowed',
  status: 422,
  title: {
    az: 'Bu rol bu modulda verilə bilməz',
    en: 'This role cannot be given on this module',
    ru: 'Эту роль нельзя выдать в этом модуле',
  },
  detail: {
    az: 'Rolların kataloquna baxın: rəhbər bütün modullarda (*), əməkdaş bir modulda, operator yalnız Rəqəmsal İnkişaf və Nəqliyyat Nazirliyində mübadilə və ya reyestr modulunda olur.',
    en: 'See the role catalogue: a head holds every module (*), staff one module, an operator only the exchange or the registry in the Ministry of Digital Development and Transport.',
    ru: 'См. каталог ролей: руководитель — на всех модулях (*), сотрудник — на одном модуле, оператор — только обмен или реестр в Министерстве цифрового развития и транспорта.',
  },
});

export const NotOnYourself = defineError({
  type: 'identity/not-on-yourself',
  status: 409,
  title: {
    az: 'Bunu öz hesabınıza edə bilməzsiniz',
    en: 'You cannot do this to your own account',
    ru: 'Это нельзя сделать со своей учётной записью',
  },
  detail: {
    az: 'Öz operator rolunuzu ləğv etmək və ya öz hesabınızı dayandırmaq olmaz: bunu başqa operator etməlidir.',
    en: 'You cannot revoke your own operator role or suspend your own account: another operator must do it.',
    ru: 'Нельзя отозвать свою роль оператора или заблокировать свою учётную запись: это должен сделать другой оператор.',
  },
});

export const AccountNotFound = defineError({
  type: 'identity/account-not-found',
  status: 404,
  title: { az: 'Hesab tapılmadı', en: 'Account not found', ru: 'Учётная запись не найдена' },
  detail: {
    az: 'Bu FİN ilə hesab yoxdur: şəxs portala heç vaxt daxil olmayıb.',
    en: 'There is no account with this FİN: the person has never logged in to the portal.',
    ru: 'Учётной записи с таким FİN нет: человек ни разу не входил на портал.',
  },
});

export const AccountSuspended = defineError({
  type: 'identity/account-suspended',
  status: 403,
  title: {
    az: 'Hesab dayandırılıb',
    en: 'The account is suspended',
    ru: 'Учётная запись заблокирована',
  },
  detail: {
    az: 'Sistemin təhlükəsiz işinə zidd hərəkətlərə görə hesabınıza giriş məhdudlaşdırılıb. Operatorla əlaqə saxlayın.',
    en: 'Access to your account was restricted for acting against the secure working of the system. Contact the operator.',
    ru: 'Доступ к учётной записи ограничен за действия против безопасной работы системы. Обратитесь к оператору.',
  },
});

export const AlreadySuspended = defineError({
  type: 'identity/already-suspended',
  status: 409,
  title: {
    az: 'Hesab artıq dayandırılıb',
    en: 'The account is already suspended',
    ru: 'Учётная запись уже заблокирована',
  },
  detail: {
    az: 'Heç nə dəyişmədi.',
    en: 'Nothing changed.',
    ru: 'Ничего не изменилось.',
  },
});

export const NotSuspended = defineError({
  type: 'identity/not-suspended',
  status: 409,
  title: {
    az: 'Hesab dayandırılmayıb',
    en: 'The account is not suspended',
    ru: 'Учётная запись не заблокирована',
  },
  detail: {
    az: 'Heç nə dəyişmədi.',
    en: 'Nothing changed.',
    ru: 'Ничего не изменилось.',
  },
});
