"""Accounts: creation, lookup and profile changes."""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError
from sqlmodel import col, func, select
from sqlmodel.ext.asyncio.session import AsyncSession
from sqlmodel.sql.expression import SelectOfScalar

from parley.errors import Conflict, Forbidden
from parley.events import PreferencesChanged, Publisher
from parley.models import AuthorPublic, Role, User, UserCreate, UserUpdate
from parley.models.user import EmailChange, name_key
from parley.services import invites, passwords, profiles
from parley.services.ratelimit import RateLimiter
from parley.settings import Settings


async def sign_up(
    *,
    session: AsyncSession,
    publisher: Publisher,
    limiter: RateLimiter,
    settings: Settings,
    client_address: str,
    user_create: UserCreate,
) -> User:
    """Self-service sign-up: limited per address (scripted account farms), admitted by
    the sign-up mode (an invite, where one is needed: its use is counted in the same
    transaction as the account), then created; a room invite joins its room."""
    await limiter.hit(
        settings.signup_rate_limit,
        "signup",
        client_address,
        detail="Too many sign-ups from this address",
    )
    invite = await invites.admit_signup(
        session=session, token=user_create.invite, default=settings.signup
    )
    user = await create_user(session=session, user_create=user_create)
    await invites.join_invited_room(session=session, publisher=publisher, invite=invite, user=user)
    return user


async def create_user(
    *, session: AsyncSession, user_create: UserCreate, role: Role | None = None
) -> User:
    """Create an account. Without an explicit role, the first account becomes the admin."""
    if role is None:
        existing = (await session.exec(select(func.count()).select_from(User))).one()
        role = Role.admin if existing == 0 else Role.user
    user = User(
        username=user_create.username,
        password_hash=await passwords.hash_new(user_create.password),
        role=role.value,
    )
    user.set_display_name(user_create.display_name or user_create.username)
    session.add(user)
    try:
        await session.commit()
    except IntegrityError as exc:
        await session.rollback()
        raise Conflict("Username already taken") from exc
    await session.refresh(user)
    return user


async def get_user_by_username(*, session: AsyncSession, username: str) -> User | None:
    statement = select(User).where(User.username == username.strip().lower())
    return (await session.exec(statement)).first()


async def update_user(
    *, session: AsyncSession, publisher: Publisher, user: User, user_update: UserUpdate
) -> User:
    before = user.display_name
    preferences = (user.locale, user.theme, user.read_receipts)
    if user_update.display_name is not None:
        user.set_display_name(user_update.display_name.strip())
    if user_update.read_receipts is not None:
        user.read_receipts = user_update.read_receipts
    if user_update.locale is not None:
        user.locale = user_update.locale
    if user_update.theme is not None:
        user.theme = user_update.theme
    session.add(user)
    await session.commit()
    await session.refresh(user)
    if user.display_name != before:
        await profiles.announce_profile(session=session, publisher=publisher, user=user)
    if (user.locale, user.theme, user.read_receipts) != preferences:
        assert user.id is not None
        await publisher.publish(
            PreferencesChanged(
                user_id=user.id,
                locale=user.locale,
                theme=user.theme,
                read_receipts=user.read_receipts,
            )
        )
    return user


async def change_email(*, session: AsyncSession, user: User, change: EmailChange) -> User:
    """My email address (or none): where a reset link of mine can be mailed."""
    if not await passwords.verify(change.current_password, user.password_hash):
        raise Forbidden("The current password is not right")
    user.email = change.email
    session.add(user)
    try:
        await session.commit()
    except IntegrityError as exc:
        await session.rollback()
        raise Conflict("Another account uses this email address") from exc
    await session.refresh(user)
    return user


PEOPLE_PAGE_MAX = 50
# Deep enough for any directory anyone scrolls; bounded so a request cannot make the
# database walk an arbitrarily long ordered scan.
PEOPLE_OFFSET_MAX = 100_000


def matching_names(statement: SelectOfScalar[User], query: str) -> SelectOfScalar[User]:
    """Narrow a query of users to those whose username or display name contains `query`
    (NFKC + casefold, wildcards literal; usernames are stored lower-cased). An empty
    query narrows nothing. The people directory and the admin's user list both use it."""
    needle = name_key(query.strip())
    if not needle:
        return statement
    return statement.where(
        col(User.username).contains(needle, autoescape=True)
        | col(User.display_name_key).contains(needle, autoescape=True)
    )


async def find_people(
    *, session: AsyncSession, query: str, limit: int, offset: int = 0
) -> list[AuthorPublic]:
    """Active accounts whose username or display name contains `query` (case-insensitive),
    by display name: who can be messaged or mentioned. Usernames are stored lower-cased."""
    statement = matching_names(select(User).where(col(User.is_disabled).is_(False)), query)
    # The id breaks ties between equal names, so pages neither repeat nor skip anyone.
    statement = (
        statement.order_by(col(User.display_name_key), col(User.id)).offset(offset).limit(limit)
    )
    return [AuthorPublic.model_validate(user) for user in (await session.exec(statement)).all()]
