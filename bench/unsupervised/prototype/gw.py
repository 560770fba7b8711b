import sys; sys.path.insert(0,__import__('os').path.dirname(__import__('os').path.abspath(__file__))); from common import *
def kmeans(X,K,rs,it=25):
    C=X[rs.choice(len(X),K,replace=False)].copy()
    for _ in range(it):
        a=(X@C.T).argmax(1)  # spherical k-means
        for k in range(K):
            m=a==k
            if m.any(): C[k]=X[m].sum(0)
        C=l2(C)
    a=(X@C.T).argmax(1); w=np.bincount(a,minlength=K).astype(float)
    return C,w/w.sum()
def sinkhorn(M,p,q,eps,it=200):
    K=np.exp(-(M-M.min())/eps); u=np.ones_like(p)
    for _ in range(it):
        v=q/(K.T@u); u=p/(K@v)
    return u[:,None]*K*v[None,:]
def egw(CA,CB,p,q,eps,T=None,outer=50):
    if T is None: T=np.outer(p,q)
    c=((CA**2)@p)[:,None]+((CB**2)@q)[None,:]
    for _ in range(outer):
        M=c-2*CA@T@CB.T
        T=sinkhorn(M,p,q,eps)
    loss=np.sum((c-2*CA@T@CB.T)*T)
    return T,loss
def csls_refine(XA,XB,W,k=10,iters=10,sub=3000,rs=None):
    a=XA if len(XA)<=sub else XA[rs.choice(len(XA),sub,replace=False)]
    b=XB if len(XB)<=sub else XB[rs.choice(len(XB),sub,replace=False)]
    for t in range(iters):
        S=l2(a@W)@b.T
        rT=np.sort(S,1)[:,-k:].mean(1); rS=np.sort(S,0)[-k:,:].mean(0)
        C=2*S-rT[:,None]-rS[None,:]
        sb=C.argmax(1); tb=C.argmax(0); mut=np.where(tb[sb]==np.arange(len(a)))[0]
        crit=S[np.arange(len(a)),sb].mean()
        nbr=np.argsort(-S[mut],1)[:,:k]; part=b[nbr].mean(1)
        W=procrustes(a[mut],part)
    return W,crit,len(mut)
if __name__=='__main__':
    idv=ids(); A=load(sys.argv[1]); B=load(sys.argv[2]); K=int(sys.argv[3]); seed=int(sys.argv[4]); inp=sys.argv[5] if len(sys.argv)>5 else 'disjoint'
    trm,am,bm,te=split(idv,seed,inp)
    XA=prep(A,am); XB=prep(B,bm); d=max(XA.shape[1],XB.shape[1]); XA=pad(XA,d); XB=pad(XB,d)
    Wsup=procrustes(XA[trm],XB[trm]); print('sup',rank1(XA[te]@Wsup,XB[te],idv[te]))
    rs=np.random.RandomState(seed)
    t0=time.time()
    CA,p=kmeans(XA[am],K,rs); CB,q=kmeans(XB[bm],K,rs)
    SA=CA@CA.T; SB=CB@CB.T
    for r in range(6):
        T0=None if r==0 else sinkhorn(rs.rand(K,K),p,q,1.0)*0+np.outer(p,q)*(1+0.5*rs.randn(K,K)).clip(0.01)
        if T0 is not None: T0=sinkhorn(-np.log(T0),p,q,1.0)
        best=None
        T,loss=egw(SA,SB,p,q,eps=float(sys.argv[6]) if len(sys.argv)>6 else 0.01,T=T0)
        W0=procrustes(CA, T@CB/ T.sum(1,keepdims=True)*p[:,None]) if False else None
        u,s,vt=np.linalg.svd(CA.T@T@CB); W0=u@vt
        r0=rank1(XA[te]@W0,XB[te],idv[te])
        W,crit,npairs=csls_refine(XA[am],XB[bm],W0,rs=rs)
        print(f'restart {r} gwloss {loss:.5f} init r1 {r0:.3f} refined r1 {rank1(XA[te]@W,XB[te],idv[te]):.3f} crit {crit:.4f} pairs {npairs} t {time.time()-t0:.0f}s',flush=True)
